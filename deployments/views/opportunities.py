from django.http import HttpResponse


def opportunity_list(request):  # placeholder until the issue 3 views land
    return HttpResponse("opportunities")
