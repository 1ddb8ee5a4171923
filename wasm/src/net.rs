//! CIDR membership for crawler IP verification.

use std::net::IpAddr;

/// One network: base address and prefix length.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Network {
    base: IpAddr,
    prefix: u8,
}

impl Network {
    pub(crate) fn parse(text: &str) -> Option<Network> {
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, p.parse::<u8>().ok()?),
            None => (text, if text.contains(':') { 128 } else { 32 }),
        };
        let base: IpAddr = addr.parse().ok()?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        if prefix > max {
            return None;
        }
        Some(Network { base, prefix })
    }

    pub(crate) fn contains(&self, ip: &IpAddr) -> bool {
        match (self.base, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = if self.prefix == 0 { 0 } else { u32::MAX << (32 - u32::from(self.prefix)) };
                u32::from(net) & mask == u32::from(*ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = if self.prefix == 0 { 0 } else { u128::MAX << (128 - u32::from(self.prefix)) };
                u128::from(net) & mask == u128::from(*ip) & mask
            }
            _ => false,
        }
    }
}

/// Parse a client address; IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes IPv4 so
/// that it matches IPv4 ranges as the plain form does.
pub(crate) fn parse_ip(text: &str) -> Option<IpAddr> {
    let ip: IpAddr = text.trim().parse().ok()?;
    Some(match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains() {
        let n = Network::parse("66.249.64.0/19").unwrap();
        assert!(n.contains(&"66.249.66.1".parse().unwrap()));
        assert!(!n.contains(&"66.249.96.1".parse().unwrap()));
        let n6 = Network::parse("2001:4860:4801::/48").unwrap();
        assert!(n6.contains(&"2001:4860:4801:10::1".parse().unwrap()));
        assert!(!n6.contains(&"66.249.66.1".parse().unwrap()));
        assert_eq!(parse_ip("::ffff:1.2.3.4"), Some("1.2.3.4".parse().unwrap()));
    }
}
