from django.http import HttpResponse


def programme_list(request):  # placeholder until the issue 3 views land
    return HttpResponse("programmes")
