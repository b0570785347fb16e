using System.Net;
using System.Net.Sockets;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>A TCP and a UDP listener on 127.0.0.1 that record whatever reaches them: the only network target of the probes.</summary>
internal sealed class LoopbackListeners : IDisposable
{
    private readonly TcpListener tcp = new(IPAddress.Loopback, 0);
    private readonly UdpClient udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly List<string> received = [];

    public LoopbackListeners()
    {
        tcp.Start();
        _ = AcceptAsync();
        _ = ReceiveAsync();
    }

    public int TcpPort => ((IPEndPoint)tcp.LocalEndpoint).Port;

    public int UdpPort => ((IPEndPoint)udp.Client.LocalEndPoint!).Port;

    /// <summary>What reached the listeners from anywhere: must stay empty.</summary>
    public IReadOnlyList<string> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    public void Dispose()
    {
        tcp.Stop();
        udp.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var client = await tcp.AcceptTcpClientAsync();
                lock (received)
                {
                    received.Add("tcp connection from " + client.Client.RemoteEndPoint);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                var datagram = await udp.ReceiveAsync();
                lock (received)
                {
                    received.Add("udp datagram from " + datagram.RemoteEndPoint);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
