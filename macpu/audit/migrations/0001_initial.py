from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from macpu.audit import triggers


def install_triggers(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    triggers.install(schema_editor.connection)


def remove_triggers(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                ("sequence", models.BigIntegerField(primary_key=True, serialize=False)),
                ("occurred_at", models.DateTimeField()),
                ("action", models.CharField(max_length=64)),
                ("outcome", models.CharField(max_length=16)),
                ("actor_kind", models.CharField(max_length=16)),
                ("actor_label", models.CharField(max_length=150)),
                ("actor_user_id", models.CharField(blank=True, max_length=36)),
                ("organisation_id", models.CharField(blank=True, max_length=36)),
                ("role", models.CharField(blank=True, max_length=64)),
                ("purpose", models.CharField(blank=True, max_length=200)),
                ("target_type", models.CharField(blank=True, max_length=64)),
                ("target_id", models.CharField(blank=True, max_length=64)),
                ("child_id", models.CharField(blank=True, max_length=36)),
                ("request_id", models.CharField(blank=True, max_length=36)),
                ("client_ip", models.CharField(blank=True, max_length=45)),
                ("details", models.JSONField(default=dict)),
                ("previous_hash", models.CharField(max_length=64)),
                ("hash", models.CharField(max_length=64)),
            ],
            options={
                "ordering": ["sequence"],
                "indexes": [
                    models.Index(fields=["child_id", "sequence"], name="audit_by_child"),
                    models.Index(fields=["actor_user_id", "sequence"], name="audit_by_user"),
                ],
            },
        ),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
