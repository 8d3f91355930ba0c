using Xfrm.Stats;

namespace Xfrm.Tests.Stats;

public sealed class XfrmMetricLabelsTests
{
    [Theory]
    [InlineData("XfrmInNoStates", "inbound", "no_state")]
    [InlineData("XfrmOutPolBlock", "outbound", "policy_blocked")]
    [InlineData("XfrmAcquireError", "inbound", "acquire")]
    [InlineData("XfrmFwdHdrError", "inbound", "forward_header")]
    public void CountersCiliumExportsGetItsLabels(string counter, string type, string error) =>
        Assert.Equal((type, error), XfrmErrorCatalog.MetricLabels(counter));

    [Theory]
    [InlineData("XfrmInStateDirError", "inbound")]
    [InlineData("XfrmOutStateDirError", "outbound")]
    [InlineData("XfrmOutBrandNewError", "outbound")]
    [InlineData("XfrmSomethingElse", "inbound")]
    public void CountersCiliumDoesNotLabelKeepTheirKernelName(string counter, string type) =>
        Assert.Equal((type, counter), XfrmErrorCatalog.MetricLabels(counter));
}
