BBBB BBBB
XXXX gettext(u'Enterprise workspace') XXXXX
XXXX
  XXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBXX gettext(u'Check the law, standards and permits that apply in a host country') XXXXXXXXX
  XXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBXX gettext(u'Members and invitations') XXXXXXXXX
XXXXX
