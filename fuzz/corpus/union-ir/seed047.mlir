// expected-error @below {{'union.yield' op expects parent op 'union.compute'}}
union.yield
