//! Building an `Update` and iterating everything in it allocates nothing: the counting global
//! allocator of `allocation-counter` (a per-thread counter, so tests running in parallel do
//! not disturb it) measures the decoding of every UPDATE in a RIS fixture.

use std::fmt::Write;

use ribcage_attributes::{Attribute, Update};
use ribcage_nlri::{DecodeContext, Registry};

use crate::mrt;

/// A `fmt::Write` sink that counts bytes and keeps none.
struct Sink(usize);

impl Write for Sink {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

/// Decodes and walks one UPDATE completely; returns a checksum so nothing is optimised away.
fn walk(msg: &[u8], ctx: &DecodeContext, registry: &Registry, sink: &mut Sink) -> usize {
    let u = Update::from_message(msg, 0, ctx, registry).unwrap();
    let mut n = u.outcome().problems as usize;
    for a in u.attributes() {
        let a = a.unwrap();
        if let Attribute::AsPath(p) = a {
            n += p
                .segments()
                .map(|s| s.asns().sum::<u32>() as usize)
                .sum::<usize>();
        }
        if let Attribute::Communities(c) = a {
            write!(sink, "{}", c.bgpdump()).unwrap();
        }
        // Every attribute's Display but MP_REACH/MP_UNREACH (whose NLRI print through the
        // nlri crate) is allocation-free.
        if !matches!(a, Attribute::MpReach(_) | Attribute::MpUnreach(_)) {
            write!(sink, "{a}").unwrap();
        }
    }
    for r in u.all_announced().chain(u.all_withdrawn()) {
        n += r.unwrap().wire().len();
    }
    write!(sink, "{}", u.merged_as_path().unwrap()).unwrap();
    n += u.problems().count();
    n += usize::from(u.is_end_of_rib().is_some());
    n += u.origin().unwrap().map_or(0, |o| usize::from(o.0));
    n += u.med().unwrap().map_or(0, |m| m.0 as usize);
    n += u.merged_aggregator().unwrap().map_or(0, |a| a.asn as usize);
    n
}

#[test]
fn decoding_updates_allocates_nothing() {
    let data = mrt::read_gz("updates.20160811.1600.gz");
    let msgs: Vec<_> = mrt::messages(&data)
        .filter(|m| m.msg.get(18) == Some(&2))
        .map(|m| (m.msg, m.four_byte))
        .collect();
    let registry = Registry::default();
    let four = DecodeContext::default();
    let two = DecodeContext::default().with_four_byte_as(false);
    let mut sink = Sink(0);
    let mut sum = 0;
    let info = allocation_counter::measure(|| {
        for (msg, f) in &msgs {
            sum += walk(msg, if *f { &four } else { &two }, &registry, &mut sink);
        }
    });
    assert!(msgs.len() > 10_000 && sum > 0 && sink.0 > 0);
    assert_eq!(
        info.count_total,
        0,
        "allocations while decoding {} UPDATEs",
        msgs.len()
    );
}

#[test]
fn the_counter_sees_allocations() {
    let info = allocation_counter::measure(|| {
        std::hint::black_box(vec![1u8; 100]);
    });
    assert_eq!(info.count_total, 1);
}
