using System.Net;
using System.Net.Sockets;

namespace Window.Testing;

/// <summary>Loopback ports nobody listens on at the moment of asking.</summary>
public static class FreePorts
{
    /// <summary>One free port.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
