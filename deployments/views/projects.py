from django.http import HttpResponse


def project_list(request):  # placeholder until the issue 3 views land
    return HttpResponse("projects")
