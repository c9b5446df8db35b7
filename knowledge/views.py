from django.views.generic import TemplateView


class KnowledgeHomeView(TemplateView):
    template_name = "knowledge/home.html"
