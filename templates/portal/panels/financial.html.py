BBBB BBBB
XXXX gettext(u'Financial institution') XXXXX
XXX gettext(u"Use an API token to query enterprises' environmental credit profiles.")  XX XXXXXXBBB BBBBBBBBBBXX gettext(u'API documentation') XXXXXXXX
