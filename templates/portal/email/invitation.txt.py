BBBB BBBBBBBBBBBBBB BBB gettext(u'%(by)s invites you to join %(org)s on the Green Belt and Road Environmental Portal as %(role)s.') SSSSSS SSSSSSS SSS SS SSSS SSSSSSS SS SSS SSSSS SSSS SSS SSSS SSSSSSSSSSSSS SSSSSS SS SSSSSSSSS

 gettext(u'Accept the invitation (log in or register with this email address first):') 

BBBBBBBBBBBBB
