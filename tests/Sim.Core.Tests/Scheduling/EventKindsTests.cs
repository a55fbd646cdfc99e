using Sim.Core.Scheduling;

namespace Sim.Core.Tests.Scheduling;

public sealed class EventKindsTests
{
    [Fact]
    public void Register_SameNameTwice_ReturnsSameId()
    {
        var kinds = new EventKinds();

        Assert.Equal(kinds.Register("fetch"), kinds.Register("fetch"));
    }

    [Fact]
    public void Register_NewNames_GetConsecutiveIdsAfterDefault()
    {
        var kinds = new EventKinds();

        Assert.Equal(1, kinds.Register("produce"));
        Assert.Equal(2, kinds.Register("fetch"));
        Assert.Equal(3, kinds.Count);
    }

    [Fact]
    public void NameOf_RegisteredAndDefaultKinds_ReturnsNames()
    {
        var kinds = new EventKinds();
        int id = kinds.Register("produce");

        Assert.Equal("produce", kinds.NameOf(id));
        Assert.Equal("event", kinds.NameOf(0));
    }

    [Fact]
    public void NameOf_UnknownKind_ReturnsPlaceholder()
    {
        Assert.Equal("kind#99", new EventKinds().NameOf(99));
    }
}
