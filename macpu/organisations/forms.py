from django import forms


class ContactsForm(forms.Form):
    office_hours_phone = forms.CharField(label="Office hours telephone", max_length=30, required=False)
    out_of_hours_phone = forms.CharField(label="Out of hours telephone", max_length=30, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
