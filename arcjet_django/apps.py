from django.apps import AppConfig


# Django ships no type information (no django-stubs here), so AppConfig is Any.
class ArcjetConfig(AppConfig):  # type: ignore[misc]
    name = "arcjet_django"
    label = "arcjet"
    verbose_name = "Arcjet"

    def ready(self) -> None:
        from arcjet_django.checks import register_checks

        register_checks()
