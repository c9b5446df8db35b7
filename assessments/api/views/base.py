"""What the project-assessment API views share: the project through the caller's scope."""

from django.http import Http404

from assessments import selectors


def project_for(request, pk):
    """The caller's project, or 404 (another enterprise's project looks absent)."""
    project = selectors.project_get_for_user(user=request.user, pk=pk)
    if project is None:
        raise Http404
    return project
