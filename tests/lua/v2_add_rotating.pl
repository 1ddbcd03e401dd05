#!/usr/bin/perl
# Adds messages to a public-inbox v2 inbox (made by public-inbox-init -V2)
# with public-inbox's own writer, forcing a new epoch whenever an epoch
# holds more than ROTATE_BYTES of mail:
#   PI_CONFIG=... v2_add_rotating.pl INBOX_NAME ROTATE_BYTES MESSAGE_FILE...
# public-inbox 1.9 has no setting for the epoch size (1 GB); its own test
# suite forces rotation the same way (t/v2mirror.t: $v2w->{rotate_bytes}).
use strict;
use warnings;
use PublicInbox::Config;
use PublicInbox::Eml;
use PublicInbox::V2Writable;

my ($name, $rotate, @files) = @ARGV;
die "usage: $0 INBOX_NAME ROTATE_BYTES MESSAGE_FILE...\n" unless @files;
my $ibx = PublicInbox::Config->new->lookup_name($name) or die "no inbox $name\n";
my $v2w = PublicInbox::V2Writable->new($ibx, { nproc => 1 });
$v2w->{parallel} = 0;
$v2w->{rotate_bytes} = $rotate;
for my $file (@files) {
	open my $fh, '<', $file or die "open $file: $!\n";
	my $raw = do { local $/; <$fh> };
	$raw =~ s/\A[\r\n]*From [^\r\n]*\r?\n//s; # an mbox separator, as -mda drops it
	$v2w->add(PublicInbox::Eml->new(\$raw)) or die "$file: not added\n";
}
$v2w->done;
print "epochs: ", $v2w->{epoch_max} + 1, "\n";
