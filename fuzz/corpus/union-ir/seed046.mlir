// expected-error @below {{'union.compute' op requires attribute 'problem'}}
union.compute : () -> () {}
