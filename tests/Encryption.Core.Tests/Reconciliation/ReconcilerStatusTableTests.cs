using Encryption.Core.Reconciliation;
using Encryption.Core.Tests.Support;

namespace Encryption.Core.Tests.Reconciliation;

public class ReconcilerStatusTableTests
{
    [Fact]
    public async Task TheTableShowsEveryObjectsStateAndError()
    {
        var target = new MemoryTarget();
        target.Failures["b"] = int.MaxValue;
        using var reconciler = new Reconciler<string, string>("states", target, new FakeTimeProvider(), new ListLogger());
        reconciler.SetDesired([KeyValuePair.Create("a", "1"), KeyValuePair.Create("b", "2")]);
        await reconciler.ReconcileAsync(CancellationToken.None);

        var text = ReconcilerStatusTable.Render(reconciler.Status);

        Assert.Equal(
            """
            states: Degraded: 1 of 2 objects failing; b: b: injected failure
            KEY  STATE  OP      ATTEMPTS  ERROR
            a    Done   Update  0
            b    Error  Update  1         b: injected failure

            """,
            text);
    }
}
