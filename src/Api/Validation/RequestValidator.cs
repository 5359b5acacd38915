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
    public static List<FieldViolation> Validate(object request)
    {
        var violations = new List<FieldViolation>();
        foreach (var property in request.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var value = property.GetValue(request);
            var context = new ValidationContext(request) { MemberName = property.Name, DisplayName = field };
            foreach (var rule in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (rule.GetValidationResult(value, context) is { ErrorMessage: { } message })
                {
                    violations.Add(new FieldViolation(field, RuleName(rule), message));
                    break;
                }
            }
        }

        return violations;
    }

    private static string RuleName(ValidationAttribute rule) => rule switch
    {
        RequiredAttribute => "required",
        StringLengthAttribute or MaxLengthAttribute => "maxLength",
        RangeAttribute => "range",
        EmailRuleAttribute => "email",
        _ => rule.GetType().Name.Replace("Attribute", "", StringComparison.Ordinal),
    };
}

/// <summary>One broken rule: the JSON field, a short rule name, and a sentence for people.</summary>
public sealed record FieldViolation(string Field, string Rule, string Message);
