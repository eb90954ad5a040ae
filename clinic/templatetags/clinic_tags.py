from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ reasons|get_item:item.pk }}`: a dictionary lookup by a variable key."""
    return mapping.get(key) if mapping else None
