BBBB BBBBBBBBBBBBBB BBB


BB BBBBBBBBBBBBBBBB
BBBBB

 gettext(u'You can read all your notifications in your inbox:')  XXXXXXXXXXXXXXXXX
BBBBBBBBBBBBB
