namespace Cluster.Messages.Tests;

public sealed class HostHardwareTests
{
    [Fact]
    public void Capacity_of_a_two_socket_host_leaves_out_the_management_reservation()
    {
        var hardware = new HostHardware(Sockets: 2, CoresPerSocket: 10, ThreadsPerCore: 2, ClockMhz: 2600, MemoryMb: 262_144);

        Assert.Equal(40, hardware.Vcpus);
        Assert.Equal(38, hardware.UsableVcpus);
        Assert.Equal(98_800, hardware.CpuCapacityMhz);
        Assert.Equal(262_144 - 4096, hardware.UsableMemoryMb);
        Assert.Equal(new Resources(98_800, 258_048), hardware.Capacity);
    }

    [Fact]
    public void Reservations_are_configurable()
    {
        var hardware = new HostHardware(1, 8, 1, 2000, 32_768, ReservedVcpus: 4, ReservedMemoryMb: 8192);

        Assert.Equal(4, hardware.UsableVcpus);
        Assert.Equal(8000, hardware.CpuCapacityMhz);
        Assert.Equal(24_576, hardware.UsableMemoryMb);
    }

    [Fact]
    public void A_host_smaller_than_its_reservation_offers_nothing_rather_than_a_negative_capacity()
    {
        var hardware = new HostHardware(1, 1, 1, 2000, 2048);

        Assert.Equal(Resources.Zero, hardware.Capacity);
    }
}
