BBBB BBBB
XXXX gettext(u'Editorial workspace') XXXXX
XXXXX XXXXXXBBB BBBBBBBBBBBBBXX gettext(u'Manage knowledge-base content') XXXXXXXX
