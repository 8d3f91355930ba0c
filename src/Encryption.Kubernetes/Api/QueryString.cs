using System.Text;

namespace Encryption.Kubernetes.Api;

/// <summary>Builds <c>?a=1&amp;b=2</c>, escaping values and skipping empty ones.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _builder = new();

    public QueryString Add(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return this;
        _builder.Append(_builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryString Add(ResourceQuery query) =>
        Add("labelSelector", query.LabelSelector).Add("fieldSelector", query.FieldSelector);

    public override string ToString() => _builder.ToString();
}
