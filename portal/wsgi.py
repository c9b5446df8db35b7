import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

# What each web process would otherwise do in the first request that needs it (jieba's dictionary
# for Chinese search: about 1.7 s), registered by the apps.
from portal.registry import registry  # noqa: E402 - the app registry is loaded above

for warm_up in registry.warm_ups:
    warm_up()
