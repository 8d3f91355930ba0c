using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Encryption.WireGuard.Desired;

/// <summary>
/// A Kubernetes label selector in its string form, as <c>node-encryption-opt-out-labels</c> takes it:
/// comma-separated requirements <c>key</c>, <c>!key</c>, <c>key=v</c>, <c>key==v</c>, <c>key!=v</c>,
/// <c>key in (a,b)</c>, <c>key notin (a,b)</c>. The empty selector matches nothing here (Cilium: an empty
/// opt-out selector opts no node out).
/// </summary>
public sealed class LabelSelector
{
    private readonly ImmutableArray<Requirement> requirements;

    private LabelSelector(string text, ImmutableArray<Requirement> requirements)
    {
        Text = text;
        this.requirements = requirements;
    }

    public string Text { get; }

    public bool IsEmpty => requirements.IsEmpty;

    public static LabelSelector Parse(string text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FormatException($"label selector \"{text}\": {error}");

    public static bool TryParse(string? text, [NotNullWhen(true)] out LabelSelector? selector, [NotNullWhen(false)] out string? error)
    {
        selector = null;
        error = null;
        text ??= string.Empty;
        var parts = SplitTopLevel(text);
        var list = ImmutableArray.CreateBuilder<Requirement>();
        foreach (var raw in parts)
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                if (parts.Count > 1)
                {
                    error = "empty requirement";
                    return false;
                }

                continue;
            }

            if (!TryParseRequirement(part, out var requirement, out error))
                return false;
            list.Add(requirement);
        }

        selector = new LabelSelector(text, list.ToImmutable());
        return true;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return !requirements.IsEmpty && requirements.All(r => r.Matches(labels));
    }

    public override string ToString() => Text;

    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static bool TryParseRequirement(string part, out Requirement requirement, [NotNullWhen(false)] out string? error)
    {
        requirement = default;
        error = null;
        if (part.StartsWith('!'))
            return Make(part[1..].Trim(), Operator.DoesNotExist, [], out requirement, out error);
        foreach (var (token, op) in new[] { ("!=", Operator.NotEquals), ("==", Operator.Equals), ("=", Operator.Equals) })
        {
            var at = part.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
                return Make(part[..at].Trim(), op, [part[(at + token.Length)..].Trim()], out requirement, out error);
        }

        var words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2)
        {
            var rest = words[1];
            var op = rest.StartsWith("notin", StringComparison.Ordinal) ? Operator.NotIn : rest.StartsWith("in", StringComparison.Ordinal) ? Operator.In : (Operator?)null;
            var open = rest.IndexOf('(', StringComparison.Ordinal);
            if (op is null || open < 0 || !rest.EndsWith(')'))
            {
                error = $"cannot parse requirement \"{part}\"";
                return false;
            }

            var values = rest[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return Make(words[0], op.Value, values, out requirement, out error);
        }

        return Make(part, Operator.Exists, [], out requirement, out error);
    }

    private static bool Make(string key, Operator op, string[] values, out Requirement requirement, [NotNullWhen(false)] out string? error)
    {
        requirement = default;
        error = null;
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            error = $"invalid label key \"{key}\"";
            return false;
        }

        requirement = new Requirement(key, op, [.. values]);
        return true;
    }

    private enum Operator
    {
        Exists,
        DoesNotExist,
        Equals,
        NotEquals,
        In,
        NotIn,
    }

    private readonly record struct Requirement(string Key, Operator Op, ImmutableArray<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                Operator.Exists => has,
                Operator.DoesNotExist => !has,
                Operator.Equals or Operator.In => has && Values.Contains(value!),
                Operator.NotEquals or Operator.NotIn => !has || !Values.Contains(value!),
                _ => false,
            };
        }
    }
}
