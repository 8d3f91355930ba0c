using Encryption.Cli.Lab.Ztunnel;
using Encryption.Ztunnel.Enrollment;

namespace Encryption.Lab.Tests.Unit.Ztunnel;

/// <summary>Reading what a pod's namespace holds of the agent's in-pod redirection.</summary>
public sealed class InPodRulesStateTests
{
    [Fact]
    public void TheTableAndThePolicyRuleTogetherArePresent()
    {
        var state = InPodRulesState.From(tableListed: true, "32764:\tfrom all fwmark 0x111/0xfff lookup 100 \n");

        Assert.True(state.Present);
        Assert.False(state.Absent);
    }

    [Fact]
    public void NoTableAndNoRuleAreAbsentAndHalfIsNeither()
    {
        Assert.True(InPodRulesState.From(false, "").Absent);
        var half = InPodRulesState.From(true, "");
        Assert.False(half.Present);
        Assert.False(half.Absent);
        Assert.Equal("nft table inet ztunnel_inpod: present, ip rule priority 32764: absent", half.ToString());
    }

    [Fact]
    public void TheLabLooksForWhatTheAgentInstalls()
    {
        Assert.Equal(InPodRules.Table, InPodRulesProbe.Table);
        Assert.Equal(InPodRules.RulePriority, InPodRulesProbe.RulePriority);
        Assert.Equal(InPodRules.RouteTable, InPodRulesProbe.RouteTable);
    }
}
