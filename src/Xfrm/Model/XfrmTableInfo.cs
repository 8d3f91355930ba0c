namespace Xfrm.Model;

/// <summary>SAD size (<c>ip xfrm state count</c>): number of states and hash-table buckets.</summary>
public readonly record struct XfrmSadInfo(uint Count, uint HashBuckets, uint MaxHashBuckets);

/// <summary>SPD size (<c>ip xfrm policy count</c>): policies per direction (and socket policies), hash buckets.</summary>
public readonly record struct XfrmSpdInfo(
    uint InCount, uint OutCount, uint ForwardCount,
    uint InSocketCount, uint OutSocketCount, uint ForwardSocketCount,
    uint HashBuckets, uint MaxHashBuckets)
{
    public uint Total => InCount + OutCount + ForwardCount;
}
