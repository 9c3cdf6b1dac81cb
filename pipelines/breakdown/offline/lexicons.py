"""Words an assistant director tags on sight, by breakdown category.

Each entry is "term" or "term=Name": the term as written in action lines
(singular; plurals are matched too), and the name it goes on the sheet as.
Terms of several words win over their parts ("flare gun" over "flare").
A word that belongs to two categories sits in the one it usually means on a
breakdown sheet; the engine moves it by context where the sheet would
(a handled set-dressing item becomes a prop; see engine.py).
"""

from __future__ import annotations

from pipelines.breakdown.offline.text import singular

_LEXICON = {
    "props": """
        key, keys=Key, brass key, phone, mobile phone, mobile, cell phone, cellphone, smartphone, gun, pistol,
        revolver, rifle, shotgun, handgun, knife, dagger, sword, flare gun, torch, flashlight, head torch,
        lantern, umbrella, suitcase, tote bag, tote=Tote bag, bag, holdall, briefcase, backpack, rucksack, satchel,
        wallet, purse, handbag, letter, note, envelope, photograph, photo=Photograph, snapshot=Photograph,
        book, notebook, logbook, log=Logbook, diary, journal, map, chart, pen, pencil, cigarette, roll-up,
        cigar, lighter, matchstick, cup, mug, wine glass, bottle, flask, thermos, cake, cake tin, tin,
        shortbread tin, box, urn, lifebuoy, life ring, ring, crowbar, scraper, bolt cutters, hammer, wrench,
        spanner, trowel, shovel, spade, axe, pickaxe, camera, cassette, tape, dictaphone, tape recorder,
        handset, walkie-talkie, newspaper, paper=Newspaper, magazine, playing card, card, cards=Playing cards,
        whisky, whiskey, beer, wine, champagne, cola, tea, coffee, sandwich, toast, bread, slice, plate,
        bowl, fork, spoon, blanket, survival blanket, towel, bucket, ticket, money, cash, coin, wristwatch,
        badge, handcuffs, syringe, pill, present, gift, parcel, package, birthday paper, wrapping paper,
        carving, gull carving, figurine, first-aid kit, socks=Dry socks, fishing rod, rod, net, basket, broom,
        candle, ball, hose, watering can, wand, lit wands=Lit wands, safety line, rope, tool, toolbox, briefcase,
        clipboard, file, folder, document, report, pen knife, penknife, binoculars, telescope,
        microphone, guitar, fiddle, violin, accordion, bodhran, drum, piano, banjo, harmonica, trumpet,
        saxophone, flute, telegram, postcard, newspaper, bouquet, dog lead, lead, leash, saddle, sack,
        jar, tray, kettle, teapot, knitting, scissors, razor, mirror, comb, brush, doll, teddy bear, toy, kite,
        fishing net, oar, paddle, anchor, lasso, whip, crutch, cane, walking stick, wheelchair, stretcher,
        luggage, trunk, cooler, lunchbox, shopping bag, grocery bag, banknote, cheque, check, receipt,
        popcorn, hazard tape, apple, sweets, candy, chocolate, ice cream, pie, pizza, burger, eggs=Eggs,
        bandage roll, dressing pack, hot nail, nail, matches, cigarette lighter, driftwood gull, bundle, tape deck, pilot ladder, rope ladder, mooring line, lanyard, ink, ashtray, vase, guitar case,
        laptop, computer, tablet, typewriter, radio, transistor radio, remote, television, tv, scanner
    """,
    "set_dressing": """
        armchair, chair, sofa, couch, table, kitchen table, desk, dresser, shelf, shelves=Shelves, cupboard,
        fridge, refrigerator, toaster, clock, lamp, brass lamp, lamp post, curtain, rug, carpet, bed, bookcase,
        cabinet, painting, poster, banner, bedsheet banner, sign, bunting, dust sheet, sticky note, jam jar,
        creel, lobster creel, drying net, fish box, bollard, bench, banquette, counter, bar stool, stool,
        tide table, filing cabinet, stove, fireplace, radiator, bunk, locker, crew locker, tool rack,
        chart table, radar screen, ship's bell, bell, brazier, oil-drum brazier, awning, crate, barrel, pallet,
        headstone, gravestone, tombstone, wreath, war memorial, memorial, marine scanner, food mixer,
        shepherdess, china shepherdess, ornament, stuffed pike, trophy, magnet, strip light, caged strip light,
        cafeteria hatch, hatch, windowsill, mantelpiece, wallpaper, bookshelf, coat rack, hat stand, cot,
        crib, pew, altar, pulpit, coffin, casket, jukebox, pool table, dartboard, till, cash register, kitchen chair,
        street lamp, streetlight, lamppost, mailbox, postbox, phone box, telephone, fence, gate, picket fence,
        hammock, deckchair, parasol, billboard, flag, statue, fountain, well, water tank, scarecrow
    """,
    "greenery": """
        plant, rubber plant, potted plant, geranium, flower, flowers=Flowers, heather, poppy, tree, hedge,
        grass, long grass, bog cotton, sea pink, lichen, moss, bush, shrub, ivy, garden, rose, daffodil,
        tulip, daisy, sunflower, lily, orchid, bouquet of flowers, wreath of poppies, vine, fern, weed,
        cornfield, wheat, hay, haystack, orchard, pumpkin, cactus, palm, palm tree, oak, willow, reeds, seaweed
    """,
    "vehicles": """
        car, van, fish van, bus, lorry, livestock lorry, truck, pickup, pickup truck, tractor, ferry, ship,
        boat, lifeboat, tug, helicopter, motorbike, motorcycle, bicycle, bike, taxi, train, plane, airplane,
        aeroplane, jeep, ambulance, police car, patrol car, fire engine, fire truck, trawler, yacht, dinghy,
        canoe, kayak, landing craft, caravan, trailer, limousine, limo, sedan, convertible, wagon, carriage,
        scooter, cart, wheelbarrow, forklift, bulldozer, digger, hearse, minibus, coach, tram, subway, hovercraft,
        rowboat, rowing boat, speedboat, sailboat, raft, submarine, tank, rocket, steamboat, riverboat, barge
    """,
    "animals": """
        dog, border collie, collie, sheepdog, puppy, cat, kitten, gull, seagull, seal, sheep, lamb, cow, cattle,
        bull, calf, horse, pony, donkey, mule, pig, chicken, hen, rooster, goat, bird, crow, raven, owl,
        dolphin, whale, rat, mouse, snake, deer, rabbit, fox, duck, goose, swan, elephant, catfish,
        spider, bee, wasp, wolf, bear, lion, tiger, monkey, parrot, pigeon, dove, eagle, hawk, butterfly,
        frog, toad, turtle, tortoise, lizard, alligator, crocodile, shark, crab, lobster, squirrel, bat,
        puffin, otter, cormorant, heron, hound, terrier, spaniel, labrador, retriever, mare, stallion, foal,
        ox, oxen=Oxen, goldfish, insect, fly, mosquito, ant, worm, beetle
    """,
    "wardrobe": """
        coat, camel coat, wool coat, jacket, overalls, hat, wool hat, jersey, jumper, fair isle jumper,
        sweater, boot, boots=Boots, ankle boot, city boots=City boots, welly, wellies=Wellies, wellington,
        waterproof, waterproofs=Waterproofs, anorak, parka, purple parka, hi-vis jacket, hi-vis, suit,
        grey suit, tie, black tie, cap, captain's cap, life jacket, lifejacket, oilskin, oilskin jacket,
        pyjamas=Pyjamas, pajamas=Pyjamas, dress, shirt, t-shirt, jeans=Jeans, trousers=Trousers, uniform,
        police jacket, scarf, glove, gloves=Gloves, shoe, shoes=Shoes, apron, hood, hard hat, epaulette,
        robe, gown, wedding dress, veil, skirt, blouse, vest, hoodie, sunglasses=Sunglasses, spectacles,
        helmet, costume, swimsuit, bathing suit, bikini, shorts=Shorts, sneakers=Sneakers, sandals=Sandals,
        overcoat, raincoat, mac, cloak, cape, tuxedo, bow tie, belt, bonnet, beret, cowboy hat, stetson,
        top hat, bowler, baseball cap, tracksuit, nightgown, nightdress, dressing gown, slippers=Slippers,
        stockings=Stockings, tights=Tights, kilt, sari, kimono, poncho, fleece, cardigan, waistcoat, blazer,
        wet socks=Wet socks, armband, wristband, jewellery, jewelry, necklace, earrings=Earrings, bracelet,
        wedding ring, locket
    """,
    "makeup_hair": """
        blood, bruise, gash, cut, wound, head wound, scar, dressing, bandage, beard, white beard,
        dark-bearded=Beard, moustache, mustache, wig, tattoo, sweat, blue lips, lips blue=Blue lips, hearing aid,
        bald, prosthetic, stitches, black eye, burn, burns=Burns, grey hair, white hair, ponytail, braid,
        pigtails=Pigtails, dreadlocks=Dreadlocks, makeup, make-up, lipstick, mascara, freckles=Freckles, wrinkles,
        sunburn, frostbite, hair plastered=Wet hair, wet hair, soaked, dripping=Wet-down, scab,
        pimple, rash, pale, sickly, aged, ageing, old age makeup, whiskers=Whiskers, stubble
    """,
    "special_effects": """
        rain, drizzle, fine rain, fog, fog bank, mist, smoke, red smoke, fire, peat fire, flames, spark,
        sparks=Sparks, explosion, snow, wind, wave, wave dump, wall of water=Wave dump, wall of black water=Wave dump, spray, flare, flare burst, breaking glass,
        lightning, steam, smokes=Smoke, dust, cobweb, cobwebs=Cobwebs, gunfire, muzzle flash, wet-down, floodlight,
        floodlights=Floodlights, storm, hail, thunderstorm, blizzard, tornado, hurricane, flood, bubbles,
        frost, ice, puddle, mud, bullet hit, squib, pyrotechnic, fireworks=Fireworks, torchlight, candlelight
    """,
    "visual_effects": """
        tidal wave, cgi, green screen, blue screen, hologram,
        ghost, monster, giant, digital, morphs, transforms, vanishes, disappears into thin air, sky replacement,
        set extension, matte painting, crowd replication, time-lapse, slow motion, radar sweep
    """,
    "mechanical_effects": """
        heaves, swell, long swell, trough, drops into a trough=Ship drops into trough, gives way, collapses,
        breakaway, topples, capsizes, rocking, lurches, gimbal, wobbles, breakaway rail, rail gives=Rail gives way
    """,
    "sound": """
        foghorn, horn, ship's horn, car horn, alarm, general alarm, alarm bells, siren, gunshot, scream,
        splash, crash, bang, thump, clang, clangs, screech, whistle, whistling, barks, bark, cheer, cheers,
        hiss, click, thunder, engine, static, crackle, crackling, knock, footsteps, shriek, boom, roar, howl,
        creak, creaks, groans, beep, buzz, ringing, rings, doorbell, explosion sound, radio muttering, vhf,
        vhf radio, slurred bellow, bellow, bellows, wheezes, sobs, crying, wail, yell, applause, jingle,
        chime, chimes, toll, tolls, hum, rumble, rumbles, thud, squeal, squeals
    """,
    "music": """
        waltz, accordion waltz, jig, love song, song, music, tune, hymn, band, melody, anthem, lullaby,
        singing, sings, choir, orchestra, march, ballad, sixties love song, jazz, rock and roll, blues,
        folk song, dance music, record player, gramophone, bagpipes
    """,
    "stunts": """
        jumps, leaps, dives, falls, tumbles, struggle, struggles, fight, fights, punches, tackles,
        goes over, over the side, overboard, slam against, slams against, climbs down, swims, strikes out,
        dragged, thrown, wrestles, brawl, chase, crashes into, flips, somersault, falls in
    """,
}

# Crowd and role words that make a CAPS or lower-case mention background (extras).
GROUP_WORDS = frozenset(
    singular(w.strip())
    for w in """
    townsfolk, townspeople, villagers, islanders, passengers, crowd, regulars, drinkers, patrons, customers,
    deckhands, crew, sailors, fishermen, musicians, hillwalkers, lorry drivers, drivers, tourists, onlookers,
    spectators, mourners, guests, diners, shoppers, pedestrians, commuters, students, children, kids, soldiers,
    guards, police, officers, nurses, doctors, waiters, waitresses, workers, farmers, dancers, singers,
    reporters, photographers, protesters, fans, audience, congregation, parishioners, worshippers, prisoners,
    inmates, patients, clients, staff, bystanders, teenagers, partygoers, revellers,
    band members, players, monks, nuns, cowboys, circus performers, clowns, acrobats, townsmen, men, women,
    people, folk, residents, mob, gang, troops, sailors, miners, labourers, laborers
    """.replace("\n", " ").split(",")
    if w.strip()
)
# One person, no name: "a FARMER", "a MINISTER". Tagged as background with a count of 1.
ROLE_WORDS = frozenset(
    w.strip()
    for w in """
    farmer, minister, priest, vicar, reverend, doctor, nurse, waiter, waitress, bartender, barman, barmaid,
    driver, officer, policeman, policewoman, constable, guard, soldier, sailor, fisherman, man, woman, boy,
    girl, child, kid, baby, old man, old woman, stranger, clerk, receptionist, secretary, teacher, student,
    cop, detective, surgeon, paramedic, medic, fireman, firefighter, pilot, stewardess, conductor, porter,
    bellboy, bellhop, maid, butler, cook, chef, shopkeeper, postman, mailman, milkman, salesman, customer,
    passenger, tourist, musician, singer, dancer, reporter, photographer, janitor, cleaner, gardener,
    mechanic, worker, labourer, laborer, miner, lawyer, judge, juror, mayor, clerk, cashier, vendor, beggar,
    tramp, drunk, bum, hitchhiker, jogger, cyclist, ranger, sheriff, deputy, nun, monk, bishop, undertaker,
    auctioneer, ringmaster, clown, acrobat, magician, fortune teller, witch, giant, doorman, bouncer, usher,
    deckhand, hillwalker, islander, regular, mourner, guest, onlooker, spectator, islander, scrap merchant
    """.replace("\n", " ").split(",")
    if w.strip()
)
# Titles that come before a name and are not part of what a cast list calls the person.
TITLES = frozenset(
    "captain capt mr mrs ms miss dr doctor sir lady lord sergeant sgt officer father mother sister brother "
    "uncle aunt auntie grandma grandpa professor prof reverend rev judge mayor nurse detective det agent "
    "young old little big".split()
)
# Verbs of handling: a set-dressing item someone handles in the sentence is a prop.
HANDLING = frozenset(
    """
    takes take took picks pick holds hold held carries carry carried opens open opened grabs grab seizes
    hands hand pours pour sets set puts put drops drop pockets pocket slots slot peels peel lifts lift
    raises raise waves wave throws throw flings fling yanks yank loads load fires fire reads read writes
    write signs sign eats eat drinks drink snatches snatch unwraps unwrap wraps wrap turns turn pushes push
    pulls pull zips zip hangs hang presses press stops stop clips clip hauls haul waters water lights light
    blots blot shakes shake touches touch swings swing holding carrying clutching clutches clutch
    """.split()
)
PRONOUNS = frozenset("he she they him her them his their i we you it".split())
OBJECT_PRONOUNS = frozenset("him her them it me us".split())
PREPOSITIONS = frozenset(
    "before after on in at into onto from over under beside by with behind above below across through to toward towards "
    "against along around off near inside outside beneath between up down".split()
)
# Nouns a single lexicon word can qualify rather than name: "ferry shed", "car deck", "passenger window".
_HEADED = frozenset(
    "shed deck window door seat park station stop sergeant officer driver owner control terminal office "
    "yard house room hold lane port side cabin wall floor roof rail engine window screen light".split()
)


def modifies_next(words, i: int) -> bool:
    """words[i] is a noun used as a modifier of the next word ("the ferry shed")."""
    if i + 1 >= len(words):
        return False
    nxt = words[i + 1]
    following = singular(nxt.bare)
    return not words[i].possessive and nxt.lower == nxt.text and (
        following in _HEADED or following in ROLE_WORDS or TERMS.get((following,), ("sound",))[0] in _NOUN_CATEGORIES
    )


# Categories whose lexicon words are nouns; the rest are often verbs ("the van rolls").
_NOUN_CATEGORIES = frozenset({"props", "set_dressing", "greenery", "vehicles", "animals", "wardrobe"})

# What the whole lexicon answers: for each term (a tuple of singular words), its category and name.
Term = tuple[str, ...]


def _parse() -> dict[Term, tuple[str, str]]:
    terms: dict[Term, tuple[str, str]] = {}
    for category, block in _LEXICON.items():
        for entry in block.replace("\n", " ").split(","):
            entry = entry.strip()
            if not entry:
                continue
            term, _, name = entry.partition("=")
            words = tuple(singular(w) for w in term.lower().split())
            name = name.strip() or (term[:1].upper() + term[1:].lower())
            # The first category listed for a term keeps it: entries are ordered by how a sheet reads them.
            terms.setdefault(words, (category, name))
    return terms


TERMS: dict[Term, tuple[str, str]] = _parse()
LONGEST_TERM = max(len(t) for t in TERMS)
CATEGORIES = tuple(_LEXICON)
