"""`python -m example_projects.guard_agent`: run the sample tool calls."""

import asyncio

from example_projects.guard_agent.agent import main

asyncio.run(main())
