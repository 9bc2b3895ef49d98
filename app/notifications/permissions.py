"""Who may see and settle a notification: only the teacher it was meant for."""

from app.notifications.models import Notification


def can_see_notification(user, notification: Notification) -> bool:
    return user.is_authenticated and notification.teacher_id == user.id
