BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBBBBBBB gettext(u'Sector guidance') BBBBBBBB
BBBBB BBBBBBB
XXXX XXXXXXXXXXXX gettext(u'Breadcrumb') X XXXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBXX gettext(u'Knowledge base') XXXX X  gettext(u'Sector guidance') XXXXXX
XXXX gettext(u'Sector guidance') XXXXX
XX XXXXXXXXXXXXX gettext(u'Environmental access information: which instruments apply, which EIA level, which permits and the key risks, by host country and sector.') XXXX
BBB BBBBBBBB BBBBB BB BBBBBBBBBB
  XXXXXX XXXXXXXXXXXXXXXXX
  XXX XXXXXXXXXXXXXXXXBBB B BB BBBBBXXXXXX XXXXXXXXXXXXXXXXXBBBBBBXXXXX
BBBBBXXX gettext(u'Nothing published yet.') XXXXBBBBBB
BBBBBBBB
