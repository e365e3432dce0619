"""Forms and their fields in the markup crispy's bootstrap5 pack gives them, built in Python."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import forms, template
from django.forms.widgets import Input
from django.template.defaultfilters import unordered_list
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Widgets crispy's bootstrap5 field.html draws as a label, the widget and its feedback; it
# draws the others (check boxes, radios, files, multiple selects) its own way.
PLAIN_WIDGETS = (forms.Select, Input)
OTHER_WIDGETS = (forms.SelectMultiple, forms.CheckboxInput, forms.FileInput)


@register.filter
def as_lean_field(field) -> SafeString:
    """`field|as_crispy_field` for a select or a text box, with the same markup.

    A list page's filters (up to seven fields) and the report form (nine) went through crispy's
    field template, a dozen nested templates and includes per field: several milliseconds of
    every request of the busiest list pages. Any other field, or a form with a crispy helper,
    still goes through crispy."""
    widget = field.field.widget
    if (
        field.is_hidden
        or not isinstance(widget, PLAIN_WIDGETS)
        or isinstance(widget, OTHER_WIDGETS)
        or getattr(field.form, "helper", None) is not None
    ):
        return as_crispy_field(field)
    errors = field.errors
    # As crispy's {% crispy_field %} does: the widget's class name, then bootstrap's classes.
    classes = widget.attrs.get("class", "").split()
    for name in (
        widget.__class__.__name__.lower(),
        "form-select" if isinstance(widget, forms.Select) else "form-control",
        *(("is-invalid",) if errors else ()),
    ):
        if name not in classes:
            classes.append(name)
    widget.attrs["class"] = " ".join(classes)
    required = field.field.required
    label = (
        format_html(
            '<label {}class="form-label{}">{}{}</label>',
            format_html('for="{}" ', field.id_for_label) if field.id_for_label else "",
            " requiredField" if required else "",
            field.label,
            mark_safe('<span class="asteriskField">*</span>') if required else "",
        )
        if field.label
        else ""
    )
    feedback = (
        format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            errors.field_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((number, field.auto_id, error) for number, error in enumerate(errors, 1)),
            ),
        )
        if errors
        else ""
    )
    help_text = (
        format_html(
            '<div {}class="form-text">{}</div>',
            format_html('id="{}_helptext" ', field.auto_id) if field.auto_id else "",
            mark_safe(field.help_text),  # as crispy writes it: help texts are ours, not input
        )
        if field.help_text
        else ""
    )
    css_classes = field.css_classes()
    return format_html(
        '<div id="div_{}" class="mb-3{}">{}{}{}{}</div>',
        field.auto_id,
        f" {css_classes}" if css_classes else "",
        label,
        str(field),
        feedback,
        help_text,
    )


@register.filter
def as_lean_form(form) -> SafeString:
    """`form|crispy` (its errors, then every field) for a form of selects and text boxes,
    with the same markup: each field as `as_lean_field` writes it."""
    if getattr(form, "helper", None) is not None:
        return as_crispy_form(form)
    errors = form.non_field_errors()
    return format_html(
        "{}{}",
        format_html(
            '<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>',
            unordered_list(errors, autoescape=True),
        )
        if errors
        else "",
        format_html_join("", "{}", ((as_lean_field(field),) for field in form)),
    )
