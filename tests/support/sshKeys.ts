/**
 * Real public keys made with `ssh-keygen` (the private halves were thrown away), with the MD5
 * fingerprints `ssh-keygen -l -E md5` printed for them: the reference the emulator's and the
 * provider's fingerprints are checked against, without needing ssh-keygen on the test machine.
 */
export const REAL_KEYS = {
  ed25519: {
    line: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEJCWe/lUEUqHfWxY4nmfYItIO0dHbQuqv8Oqvy5Jeky dev@example.com",
    md5: "27:0f:5a:2e:3a:cf:05:3c:3e:9b:23:f1:b9:08:cb:c7",
  },
  rsa: {
    line: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCrQIyeFeDrb0aEnt75w0S6KB6HVhAwGqNOAYeogTGxWJ5uOrY6fiRw/NdRghnwMFy6hn/5ZX/ngFV5eFXnrHqqQcgctKTVSYGTB5Ewh/s34My3K2pXaZCEiaBjEnDvmA76HaALbJ2w4PqDweRhE1Hn5fX++s8/40jPPuaQoSpI877wLdxHpa8c748M1lN3OUEtq4kaCI5kE09i93aYy+tv0dbUGTdaFLvkZid6SbEII8yyAk7SADXSdmhgQTDyVI+RGO0JOxf6w5arKXLIkafbCcYcz/WztFaZqtk/6/Lm4GSopqZMhpP0wF34kKSaA6e32wmf9w+8RF8nFx8/4zAx ci@example.com",
    md5: "75:5c:b0:bd:2f:b3:93:4e:c3:74:9f:21:ea:b1:16:73",
  },
} as const;
