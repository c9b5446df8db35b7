BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBBBBBBB gettext(u'Home') BBBBBBBB
BBBBB BBBBBBB
XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX
  XXX XXXXXXXXXXXXXXXX gettext(u'Make overseas investment green') XXXXX
  XX XXXXXXXXXXXXX gettext(u'Host-country environmental law and standards, tiered environmental impact assessment of Belt and Road projects, regulatory review and public disclosure, in one place.') XXXX
  XX XXXXXXXXXXXXXXXX
    XX XXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBXX gettext(u'Explore the knowledge base') XXXX
    BB BBB BBBBBBBBBBBBBBBBBBBBBXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBXX gettext(u'Register an enterprise') XXXXBBBBB
  XXXX
XXXXXXXXXX
XXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'What the portal offers') XX
  XXXXXXXX XXXXXXXXXXXXX
    XXXX gettext(u'For the public and NGOs') XXXXX
    XXX gettext(u"Read host-country environmental law, follow disclosed impact assessments and comment while a project's comment window is open.") XXXX
  XXXXXXXXXX
  XXXXXXXX XXXXXXXXXXXXX
    XXXX gettext(u'For enterprises') XXXXX
    XXX gettext(u'Learn which laws, standards and permits apply before investing, submit projects for screening and review, and report on control measures.') XXXX
  XXXXXXXXXX
  XXXXXXXX XXXXXXXXXXXXX
    XXXX gettext(u'For regulators') XXXXX
    XXX gettext(u'Work the review queue, decide with conditions, follow performance and rate enterprises with due process.') XXXX
  XXXXXXXXXX
  XXXXXXXX XXXXXXXXXXXXX
    XXXX gettext(u'For financial institutions') XXXXX
    XXX gettext(u"Query an enterprise's environmental credit profile through the API for green-credit decisions.") XXXX
  XXXXXXXXXX
XXXXXXXXXX
BBBBBBBB
