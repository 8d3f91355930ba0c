namespace Encryption.Lab.Tests.Lab;

/// <summary>The lab tests need root (network namespaces, veths, tcpdump). Without it they fail; they never skip.</summary>
internal static class Root
{
    public static void Require()
    {
        if (!Environment.IsPrivilegedProcess)
            Assert.Fail("the lab tests need root: run them as root (CI does), they do not skip");
    }
}
