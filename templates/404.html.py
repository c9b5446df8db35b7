BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBBBBBBB gettext(u'Page not found') BBBBBBBB
BBBBB BBBBBBB
XXXX gettext(u'Page not found') XXXXX
XXX gettext(u'There is nothing at this address, or it is not open to your account.') XXXX
XXXXX XXXXXXBBB BBBBBBBBBBBBBXX gettext(u'Home') XXXX X XX XXXXXXBBB BBBBBBBBBBBBBBBBBBXX gettext(u'Search the knowledge base') XXXXBB BBBBBBBBBBBBBBBBBBBBB X XX XXXXXXBBB BBBBBBBBBBBBBBBBBBXX gettext(u'Your dashboard') XXXXBBBBBXXXX
BBBBBBBB
