from django.db import migrations, models

# The catalogue's programme for candidates for admission (DOMAIN.md §4): party members are outside its audience.
CANDIDATE_PROGRAMMES = ["NTVD"]


def mark_candidate_programmes(apps, schema_editor):
    Programme = apps.get_model("curriculum", "Programme")
    Programme.objects.filter(code__in=CANDIDATE_PROGRAMMES, party_audience="anyone").update(party_audience="non_members")


class Migration(migrations.Migration):

    dependencies = [
        ('curriculum', '0004_overlap_threshold_three_writers'),
    ]

    operations = [
        migrations.AddField(
            model_name='programme',
            name='party_audience',
            field=models.CharField(choices=[('anyone', 'party members and persons not yet admitted'), ('non_members', 'persons not yet admitted to the party (candidates for admission)'), ('members', 'party members only')], default='anyone', help_text='Enrolling someone outside this audience asks for a reason, which the history keeps.', max_length=12, verbose_name='audience by party membership'),
        ),
        migrations.RunPython(mark_candidate_programmes, migrations.RunPython.noop),
    ]
