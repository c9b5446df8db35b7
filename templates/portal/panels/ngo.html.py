BBBB BBBB
XXXX gettext(u'NGO') XXXXX
XXX gettext(u'Follow disclosed projects and take part in their public comment windows.') XXXX
