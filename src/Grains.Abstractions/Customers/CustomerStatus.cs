namespace ChronusCrm.Grains.Abstractions.Customers;

public enum CustomerStatus
{
    Active,
    Inactive,
    Churned,
}
