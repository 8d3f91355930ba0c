namespace Xfrm.Codec;

/// <summary>
/// Which attribute order an encoder follows. The kernel does not care; golden-byte tests and fakes do:
/// requests are written as iproute2 writes them, replies as the kernel writes its dumps.
/// </summary>
public enum XfrmAttributeLayout
{
    /// <summary>As <c>ip xfrm ... add</c> sends: algorithms, replay, mark, output mark, if_id.</summary>
    Request,

    /// <summary>As the kernel dumps: also the redundant <c>XFRMA_ALG_AUTH</c>, the replay state and the policy type.</summary>
    KernelDump,
}
