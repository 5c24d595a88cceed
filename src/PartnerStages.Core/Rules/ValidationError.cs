namespace PartnerStages.Core.Rules;

// One problem with one field, so a form can show the message next to the field it names.
// Field is the property name (or a dotted path inside a rule set), Message is for people.
public readonly record struct ValidationError(string Field, string Message);
