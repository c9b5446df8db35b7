BBBB BBBB
XXXX gettext(u'Regulator workspace') XXXXX
XXXXX XXXXXXBBB BBBBBBBBBBBBBXX gettext(u'Open the review workspace') XXXXXXXX
