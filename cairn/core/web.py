"""What every form-handling view does with a service's answer.

A service refuses bad input with ``ValidationError`` (by field where it can) and a stale edit
with ``EditConflict``; both go back onto the form, and what the user typed is kept.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from cairn.core.services import EditConflict


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form, by field where it names one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def save_or_refuse(request, form, save, *, success: str, then):
    """Call ``save`` for a valid form. A refusal goes back onto the form; so does an edit
    conflict, with the form moved onto the current version: what the user typed is kept, and
    saving again is a deliberate choice made after reading the message.

    Returns the redirect after a save, or None to render the form again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        obj = save()
    except ValidationError as error:
        add_service_errors(form, error)
    except EditConflict as conflict:
        form.data = form.data.copy()
        form.data["version"] = conflict.obj.version
        form.add_error(None, str(conflict))
    else:
        messages.success(request, success)
        return redirect(*then(obj))
    return None
