from django.http import HttpResponse


def organisation_list(request):  # placeholder until the issue 3 views land
    return HttpResponse("organisations")


def agreement_list(request):  # placeholder until the issue 3 views land
    return HttpResponse("agreements")
