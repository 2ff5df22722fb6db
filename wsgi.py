import gc

from webapp import create_app

app = create_app()
# What the app is made of (some 200,000 objects: modules, templates, translations) lives as long
# as the process: kept out of the cyclic collector's passes, which otherwise walk all of it
# whenever enough new objects survive (a PDF render set off enough of them to cost 40 ms).
gc.freeze()
