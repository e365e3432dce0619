"""Loads the 17 UN Sustainable Development Goals (A/RES/70/1) with their official colours."""

from django.db import migrations

GOALS = [
    (1, "No poverty", "End poverty in all its forms everywhere", "#E5243B"),
    (
        2,
        "Zero hunger",
        "End hunger, achieve food security and improved nutrition and promote sustainable agriculture",
        "#DDA63A",
    ),
    (
        3,
        "Good health and well-being",
        "Ensure healthy lives and promote well-being for all at all ages",
        "#4C9F38",
    ),
    (
        4,
        "Quality education",
        "Ensure inclusive and equitable quality education and promote lifelong learning opportunities for all",
        "#C5192D",
    ),
    (5, "Gender equality", "Achieve gender equality and empower all women and girls", "#FF3A21"),
    (
        6,
        "Clean water and sanitation",
        "Ensure availability and sustainable management of water and sanitation for all",
        "#26BDE2",
    ),
    (
        7,
        "Affordable and clean energy",
        "Ensure access to affordable, reliable, sustainable and modern energy for all",
        "#FCC30B",
    ),
    (
        8,
        "Decent work and economic growth",
        "Promote sustained, inclusive and sustainable economic growth, full and productive employment and decent work for all",
        "#A21942",
    ),
    (
        9,
        "Industry, innovation and infrastructure",
        "Build resilient infrastructure, promote inclusive and sustainable industrialization and foster innovation",
        "#FD6925",
    ),
    (10, "Reduced inequalities", "Reduce inequality within and among countries", "#DD1367"),
    (
        11,
        "Sustainable cities and communities",
        "Make cities and human settlements inclusive, safe, resilient and sustainable",
        "#FD9D24",
    ),
    (
        12,
        "Responsible consumption and production",
        "Ensure sustainable consumption and production patterns",
        "#BF8B2E",
    ),
    (
        13,
        "Climate action",
        "Take urgent action to combat climate change and its impacts",
        "#3F7E44",
    ),
    (
        14,
        "Life below water",
        "Conserve and sustainably use the oceans, seas and marine resources for sustainable development",
        "#0A97D9",
    ),
    (
        15,
        "Life on land",
        "Protect, restore and promote sustainable use of terrestrial ecosystems, sustainably manage forests, combat desertification, and halt and reverse land degradation and halt biodiversity loss",
        "#56C02B",
    ),
    (
        16,
        "Peace, justice and strong institutions",
        "Promote peaceful and inclusive societies for sustainable development, provide access to justice for all and build effective, accountable and inclusive institutions at all levels",
        "#00689D",
    ),
    (
        17,
        "Partnerships for the goals",
        "Strengthen the means of implementation and revitalize the Global Partnership for Sustainable Development",
        "#19486A",
    ),
]


def load_goals(apps, schema_editor):
    goal_model = apps.get_model("deployments", "SustainableDevelopmentGoal")
    for number, short_title, title, colour in GOALS:
        goal_model.objects.update_or_create(
            number=number, defaults={"short_title": short_title, "title": title, "colour": colour}
        )


def unload_goals(apps, schema_editor):
    apps.get_model("deployments", "SustainableDevelopmentGoal").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("deployments", "0001_initial")]

    operations = [migrations.RunPython(load_goals, unload_goals)]
