namespace SoftmaxNotebooks;

/// <summary>Small scalar helpers the physics code needs and the BCL lacks.</summary>
internal static class PhysicsMath
{
    /// <summary>ε = 2⁻⁵², the spacing of doubles at 1 (<see cref="double.Epsilon"/> is the smallest subnormal instead).</summary>
    public const double Epsilon = 2.220446049250313e-16;

    /// <summary>
    /// log(1 + x) accurate for small |x| (Goldberg's trick; <see cref="double.LogP1"/> forms 1 + x first and loses the digits).
    /// </summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : double.IsPositiveInfinity(u) ? u : Math.Log(u) * x / (u - 1.0);
    }
}
