using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace ChronusCrm.Api.Validation;

/// <summary>
/// Checks a request record against its data annotations and names each failure by the JSON
/// field the client sent, so that the problem body points at the field and the rule.
/// </summary>
public static class RequestValidator
{
    private static readonly ConcurrentDictionary<Type, FieldRules[]> RulesByType = new();

    public static List<FieldViolation> Validate(object request)
    {
        var violations = new List<FieldViolation>();
        ValidationContext? context = null;
        foreach (var field in RulesByType.GetOrAdd(request.GetType(), Describe))
        {
            var value = field.Property.GetValue(request);

            // One context per request: each holds a dictionary of its own, and no rule of ours
            // keeps a reference to it.
            context ??= new ValidationContext(request);
            context.MemberName = field.Property.Name;
            context.DisplayName = field.Name;
            foreach (var rule in field.Rules)
            {
                if (rule.GetValidationResult(value, context) is { ErrorMessage: { } message })
                {
                    violations.Add(new FieldViolation(field.Name, RuleName(rule), message));
                    break;
                }
            }
        }

        return violations;
    }

    /// <summary>Reflection once per request type, not once per request.</summary>
    private static FieldRules[] Describe(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => new FieldRules(
                p, JsonNamingPolicy.CamelCase.ConvertName(p.Name), [.. p.GetCustomAttributes<ValidationAttribute>()]))
            .Where(f => f.Rules.Length > 0),
    ];

    private sealed record FieldRules(PropertyInfo Property, string Name, ValidationAttribute[] Rules);

    private static string RuleName(ValidationAttribute rule) => rule switch
    {
        RequiredAttribute => "required",
        StringLengthAttribute or MaxLengthAttribute => "maxLength",
        RangeAttribute => "range",
        EmailRuleAttribute => "email",
        WebLinkRuleAttribute => "webLink",
        _ => rule.GetType().Name.Replace("Attribute", "", StringComparison.Ordinal),
    };
}

/// <summary>One broken rule: the JSON field, a short rule name, and a sentence for people.</summary>
public sealed record FieldViolation(string Field, string Rule, string Message);
