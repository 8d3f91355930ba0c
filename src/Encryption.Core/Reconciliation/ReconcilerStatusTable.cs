using System.Globalization;
using System.Text;

namespace Encryption.Core.Reconciliation;

/// <summary>Renders a reconciler's status as a text table: "why isn't it installed?" at a glance.</summary>
public static class ReconcilerStatusTable
{
    /// <summary>
    /// <code>
    /// ipsec-states: Degraded: 1 of 2 objects failing; b: EEXIST
    /// KEY   STATE   OP      ATTEMPTS  ERROR
    /// a     Done    Update  0
    /// b     Error   Update  3         EEXIST
    /// </code>
    /// </summary>
    public static string Render<TKey>(ReconcilerStatus<TKey> status)
        where TKey : notnull
    {
        var rows = status.Objects
            .Select(o => new[]
            {
                o.Key.ToString() ?? "",
                o.Status.State.ToString(),
                o.Status.Operation.ToString(),
                o.Status.Attempts.ToString(CultureInfo.InvariantCulture),
                o.Status.Error ?? "",
            })
            .Prepend(["KEY", "STATE", "OP", "ATTEMPTS", "ERROR"])
            .ToList();
        var widths = Enumerable.Range(0, 4).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        text.Append(status.Name).Append(": ").Append(status.Health).Append(": ").Append(status.Message).Append('\n');
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var c = 0; c < 4; c++)
                line.Append(row[c].PadRight(widths[c] + 2));
            text.Append(line.Append(row[4]).ToString().TrimEnd()).Append('\n');
        }

        return text.ToString();
    }
}
